"""The layout stage: blocks set into lines and boxes at decided positions; overflow reported here."""
