"""E-mail: the phone edition's companions for parents."""
