"""aseantui: an offline, bilingual terminal encyclopedia of the ASEAN Secretariat."""

__version__ = "0.1.0"
