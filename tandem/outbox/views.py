"""Views: access helper → form → service → redirect."""
