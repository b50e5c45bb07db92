"""Events: partner conferences, their agendas and attendees."""
