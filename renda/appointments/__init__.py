"""Elections and appointments (选举任免, rules.md §7): law exams so far."""
