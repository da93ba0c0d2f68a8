"""The load stage: content.yaml read with positions, validated, and built into a frozen `Content`."""
