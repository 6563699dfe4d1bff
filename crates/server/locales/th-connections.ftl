# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = ความเชื่อมโยงกับคดีอื่น
connections-home-title = ความเชื่อมโยงใหม่ระหว่างคดีของคุณ
connections-intro = พบเมื่อมีบันทึก ความเชื่อมโยง การโทร หรือการรวมบันทึกใหม่ที่เชื่อมสองคดีเข้าด้วยกัน เส้นทางแสดงสิ่งที่เชื่อมคดีทั้งสองตามที่คุณมีสิทธิ์เห็น
connections-cause-record = บันทึกใหม่
connections-cause-merge = การรวมบันทึก
connections-path = ผ่าน
connections-open-network = แสดงในเครือข่าย
party-kind-case = คดี
