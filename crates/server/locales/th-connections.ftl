# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = ความเชื่อมโยงกับคดีอื่น
connections-home-title = ความเชื่อมโยงใหม่ระหว่างคดีของคุณ
connections-intro = พบเมื่อมีบันทึก ความเชื่อมโยง การโทร หรือการรวมบันทึกใหม่ที่เชื่อมสองคดีเข้าด้วยกัน เส้นทางแสดงสิ่งที่เชื่อมคดีทั้งสองตามที่คุณมีสิทธิ์เห็น
connections-cause-record = บันทึกใหม่
connections-cause-merge = การรวมบันทึก
connections-path = ผ่าน
connections-open-network = แสดงในเครือข่าย
party-kind-case = คดี

# Network analysis (issue 6): /network/analysis.
analysis-title = การวิเคราะห์เครือข่าย
analysis-intro = เครือข่ายข้ามคดีที่คุณมีสิทธิ์เห็น: แบ่งเป็นเครือข่ายที่เชื่อมต่อกันอย่างไร ใครเป็นผู้เชื่อมโยงหลัก และกลุ่มย่อยต่าง ๆ เปิดเครือข่ายของบันทึกใดก็ได้จากที่นี่
analysis-networks = เครือข่ายที่เชื่อมต่อกัน
analysis-records = บันทึก
analysis-links = ความเชื่อมโยง
analysis-network-count = เครือข่ายที่เชื่อมต่อกัน
analysis-size = บันทึก
analysis-best-linked = เชื่อมโยงมากที่สุด
analysis-players = บุคคลสำคัญ
analysis-by = ตัวชี้วัด
analysis-by-degree = จำนวนความเชื่อมโยง
analysis-by-pagerank = ความสำคัญตามลิงก์ (PageRank)
analysis-by-betweenness = ความเป็นตัวกลาง
analysis-show = แสดง
analysis-none = ยังไม่มี
analysis-record = บันทึก
analysis-kind = ประเภท
analysis-hub = ศูนย์กลาง
analysis-communities = กลุ่มย่อย
analysis-communities-intro = กลุ่มที่เชื่อมโยงกันเองมากกว่ากับส่วนอื่น (Louvain)
analysis-modularity = ค่าความเป็นกลุ่ม (modularity)
analysis-community-count = กลุ่มย่อย
nav-network = เครือข่าย
