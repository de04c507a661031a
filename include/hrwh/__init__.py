"""hrwh: the social-services workforce warehouse for Stockholm city."""
