"""Finding quotes and reported speech: each with its content, cue and source mention."""
