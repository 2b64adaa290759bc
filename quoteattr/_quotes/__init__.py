"""The data model (articles, quotes, speakers, cues) and the flat quote record."""
