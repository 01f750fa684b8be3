#!/usr/bin/env python3
# The cost of each syscall program per run, by the kernel's own count (BPF_ENABLE_STATS:
# run_time_ns / run_cnt of each program), with several programs attached at once, so every
# syscall of the storm runs them all and the comparison is interleaved by construction. Less
# sensitive to a loaded machine than wall time; the stats' own clock reads are in every
# figure (the empty programs' figure is the floor).
#   tests/bench/bpf_stats.py [-w WINDOWS] [-n CALLS] [-t] BUILD SETUP...
# BUILD holds fixtures/ and bench/empty_probe (make fixtures build/bench/empty_probe). Each
# SETUP is attached in the order given:
#   empty        the empty programs (bpf/empty.bpf.c)
#   ctl:DIR      DIR/renacerctl trace -p of a sleeper (programs loaded fresh, not pinned)
#   sys:DIR      DIR/renacerd --system-wide (the aggregating programs)
# A window is 3 runs of `storm CALLS` (default 500000; -t: `threads CALLS`, four threads of
# a process); one line per program, a column per window, ns per run. Root only.
# -c CMD: a window is 3 runs of `sh -c CMD` (a real workload) instead, and each setup's line
# says the time all its programs took per run of CMD, beyond what an empty window (the
# snapshots' own bpftool) took: what the workload paid in programs, the stats' own clock
# reads included (the empty programs' line is their floor).
import argparse, ctypes, json, os, signal, subprocess, tempfile, time

NAMES = ('empty_enter', 'empty_exit', 'rn_sys_enter', 'rn_sys_exit', 'agg_enter', 'agg_exit',
         'agg_fork', 'agg_exec', 'agg_proc_exit')


def progs():
    out = json.loads(subprocess.check_output(['bpftool', 'prog', 'show', '--json']))
    return {p['id']: p for p in out if p.get('name') in NAMES}


def wait_for(path, text, proc, what):
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f'{what} ended with {proc.returncode}: {open(path).read()}')
        if text in open(path).read():
            return
        time.sleep(0.05)
    raise SystemExit(f'{what} did not attach in 30 s: {open(path).read()}')


def start(setup, build, tmp, sleeper, k):
    before = set(progs())
    log = os.path.join(tmp, f'{k}.err')
    env = dict(os.environ, RENACER_BPF_PIN_DIR='')
    if setup == 'empty':
        argv, text = [os.path.join(build, 'bench/empty_probe')], 'attached'
    elif setup.startswith('ctl:'):
        argv = [os.path.join(setup[4:], 'renacerctl'), 'trace', '--embedded', '-p',
                str(sleeper), '-o', os.path.join(tmp, f'{k}.txt')]
        text = 'attached'
    elif setup.startswith('sys:'):
        argv = [os.path.join(setup[4:], 'renacerd'), '-s', os.path.join(tmp, f'{k}.sock'),
                '-g', 'root', '--system-wide']
        text = 'serving'
    else:
        raise SystemExit(f'unknown setup {setup}: empty, ctl:DIR or sys:DIR')
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=open(log, 'w'), env=env)
    wait_for(log, text, p, setup)
    time.sleep(0.3)
    return p, {i: (setup, q['name']) for i, q in progs().items() if i not in before}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-w', type=int, default=5)
    ap.add_argument('-n', type=int, default=500000)
    ap.add_argument('-t', action='store_true')
    ap.add_argument('-c', metavar='CMD')
    ap.add_argument('build')
    ap.add_argument('setups', nargs='+')
    a = ap.parse_args()
    libc = ctypes.CDLL(None, use_errno=True)
    tmp = tempfile.mkdtemp(prefix='bpf-stats-')
    sleeper = subprocess.Popen([os.path.join(a.build, 'fixtures/sleeper'),
                                os.path.join(tmp, 'sleeper.out')])
    procs, ids = [], {}
    try:
        for k, s in enumerate(a.setups):
            p, new = start(s, a.build, tmp, sleeper.pid, k)
            procs.append(p)
            ids.update(new)
        attr = (ctypes.c_uint32 * 2)(0, 0)  # BPF_STATS_RUN_TIME, held while the fd is open
        fd = libc.syscall(321, 32, attr, 8)  # bpf(BPF_ENABLE_STATS)
        if fd < 0:
            raise SystemExit(f'BPF_ENABLE_STATS: {os.strerror(ctypes.get_errno())}')
        res = {i: [] for i in ids}
        spent = {s: [] for s in a.setups}
        for w in range(a.w + (1 if a.c else 0)):
            before = progs()
            for _ in range(3 if not a.c or w else 0):
                if a.c:
                    subprocess.run(['/bin/sh', '-c', a.c], check=True)
                    continue
                load = 'fixtures/threads' if a.t else 'fixtures/storm'
                subprocess.run([os.path.join(a.build, load), str(a.n)], check=True)
            after = progs()
            total = {s: 0 for s in a.setups}
            for i in ids:
                n = after[i].get('run_cnt', 0) - before[i].get('run_cnt', 0)
                t = after[i].get('run_time_ns', 0) - before[i].get('run_time_ns', 0)
                total[ids[i][0]] += t
                if not a.c or w:
                    res[i].append(t / n if n else float('nan'))
            for s in a.setups:
                if not a.c:
                    continue
                if not w:
                    empty = total  # the snapshots' own calls
                else:
                    spent[s].append((total[s] - empty[s]) / 3)
        os.close(fd)
    finally:
        for p in procs:
            p.send_signal(signal.SIGINT if 'renacerctl' in p.args[0] else signal.SIGTERM)
        for p in procs:
            p.wait()
        sleeper.terminate()
        sleeper.wait()
    what = f"sh -c '{a.c}'" if a.c else f'{"threads" if a.t else "storm"} {a.n}'
    print(f'load: {open("/proc/loadavg").read().split()[0]}; ns per program run, '
          f'{a.w} windows of 3 x {what}')
    for i, (s, name) in sorted(ids.items(), key=lambda x: x[1]):
        v = res[i]
        if all(x != x for x in v):
            continue  # loaded, not attached (renacerd's session programs)
        print(f'{s:32s} {name:13s} ' + ' '.join(f'{x:6.1f}' for x in v) +
              f'   min {min(v):6.1f}')
    for s in a.setups if a.c else ():
        v = spent[s]
        print(f'{s:32s} all programs, us per run: ' + ' '.join(f'{x / 1000:7.1f}' for x in v) +
              f'   min {min(v) / 1000:7.1f}')


main()
