import os, time, collections, sys
dur=float(sys.argv[1]); out=sys.argv[2]
# wait for mariadbd
pid=None
while pid is None:
    for p in os.listdir('/proc'):
        if p.isdigit():
            try:
                if open(f'/proc/{p}/comm').read().strip()=='mariadbd': pid=p
            except: pass
    time.sleep(0.2)
t0=time.time(); hist=collections.defaultdict(collections.Counter); cpu={}
seed=None
while time.time()-t0<dur:
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            st=open(f'/proc/{pid}/task/{tid}/stat').read()
            f=st[st.rindex(')')+2:].split()
            state=f[0]; ut=int(f[11])+int(f[12])
            w=open(f'/proc/{pid}/task/{tid}/wchan').read().strip() if state!='R' else ''
            hist[tid][(state,w)]+=1; cpu[tid]=ut
        except Exception: pass
    time.sleep(0.02)
with open(out,'w') as o:
    for tid in sorted(cpu,key=lambda t:-cpu[t])[:4]:
        o.write(f"tid {tid} cpu_ticks {cpu[tid]}\n")
        tot=sum(hist[tid].values())
        for k,v in hist[tid].most_common(8): o.write(f"   {k} {v/tot:.2%}\n")
