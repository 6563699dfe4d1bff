# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = Connections to other cases
connections-home-title = New connections between your cases
connections-intro = Found when a new record, link, call or merge joined two cases. The path shows what joins them, as you may see it.
connections-cause-record = a new record
connections-cause-merge = a merge of records
connections-path = Through
connections-open-network = Show in the network
party-kind-case = Case

# Network analysis (issue 6): /network/analysis.
analysis-title = Network analysis
analysis-intro = The network across the cases you may see: how it falls into connected networks, who holds it together, and its communities. Open any record's network from here.
analysis-networks = Connected networks
analysis-records = Records
analysis-links = Links
analysis-network-count = Connected networks
analysis-size = Records
analysis-best-linked = Best-linked
analysis-players = Key players
analysis-by = Measure
analysis-by-degree = Links (degree)
analysis-by-pagerank = PageRank
analysis-by-betweenness = Betweenness
analysis-show = Show
analysis-none = Nothing yet.
analysis-record = Record
analysis-kind = Kind
analysis-hub = hub
analysis-communities = Communities
analysis-communities-intro = Groups more linked among themselves than to the rest (Louvain).
analysis-modularity = Modularity
analysis-community-count = Communities
nav-network = Network
