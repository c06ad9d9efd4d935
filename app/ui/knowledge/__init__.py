"""The Knowledge page: the article list with search and filters, an article rendered safely, the editor."""
