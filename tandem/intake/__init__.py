"""What the staff intake channels (paper, interview, import) keep beside an application.

The channels themselves live in `tandem.applications.intake`; this app only holds their model(s) and
the job that cleans up import files, so that the applications app's models stay its own.
"""
