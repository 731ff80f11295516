"""Stories: grouping copies, rewrites and spun copies of one news story. (Lands with storage.)"""
