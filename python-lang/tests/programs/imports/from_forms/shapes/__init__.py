print("shapes package init")
