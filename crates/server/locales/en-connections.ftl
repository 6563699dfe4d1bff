# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = Connections to other cases
connections-home-title = New connections between your cases
connections-intro = Found when a new record, link, call or merge joined two cases. The path shows what joins them, as you may see it.
connections-cause-record = a new record
connections-cause-merge = a merge of records
connections-path = Through
connections-open-network = Show in the network
party-kind-case = Case
