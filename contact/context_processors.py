from contact.selectors import get_company


def company(request):
    """The site's name, the company's contact details and social profiles."""
    company = get_company()
    return {"company": company, "site_name": company.name}
