"""The `onrecord` command line: each command checks its options and calls one library
function."""
