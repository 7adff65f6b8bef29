"""`python -m onrecord` runs the command line."""

from onrecord.cli.app import main

main()
