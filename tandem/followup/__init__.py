"""Follow-up and evaluation: surveys, their rounds on the program's calendar, and answers by e-mail link,
on site and entered by staff after a phone call or from paper. See `models.py` for the data model."""
