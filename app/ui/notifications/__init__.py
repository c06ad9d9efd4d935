"""Desktop notifications of what a sync brought: requesters' mail on my tickets, new tickets in my groups."""
