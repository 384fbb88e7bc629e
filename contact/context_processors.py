from contact.selectors import get_company


def company(request):
    """The company's name, contact details and social profiles, site-wide."""
    return {"company": get_company()}
