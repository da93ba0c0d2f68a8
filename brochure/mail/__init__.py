"""E-mail: drafts (.eml) that open in any mail program, and sending them through an SMTP server."""
