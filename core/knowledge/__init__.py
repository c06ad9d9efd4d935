"""Knowledge articles (KCS): the confidence workflow, field rules and shared columns both sides keep."""
