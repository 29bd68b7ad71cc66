"""The crisis-constructions suite: sentences written by the team, each with what the event
coder must and must not code (data in ``*.yaml`` beside this file; loader in ``suite``)."""
