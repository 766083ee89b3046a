"""Reading documents from files, directories, JSONL and stdin, and cleaning their text."""
