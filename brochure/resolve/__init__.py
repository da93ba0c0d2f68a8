"""The resolve stage: content bound to the physical product (fold, theme, fonts, images, language rules)."""
