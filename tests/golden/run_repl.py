#!/usr/bin/env python3
"""REPL checks: drives `aql` on a pseudo-terminal (so it is interactive) and checks prompts,
multi-line entries, dot-commands, history, Ctrl-C (cancels the entry or the running statement)
and exit. Ends with "summary: N passed, N failed".

  run_repl.py --aql BUILD/tools/aql/aql"""

import argparse
import os
import pty
import random
import select
import subprocess
import sys
import tempfile
import time


class Repl:
    def __init__(self, aql, history, args=()):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.environ["AQL_HISTORY"] = history
            os.environ["TERM"] = "dumb"
            os.execv(aql, [aql] + list(args))
        self.buffer = b""
        self.done = False

    def read_until(self, marker, timeout=10.0):
        """Reads until `marker` (bytes) has appeared in the new output; returns that output."""
        end = time.time() + timeout
        while marker not in self.buffer and time.time() < end:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.buffer += chunk
        out, self.buffer = self.buffer, b""
        return out

    def send(self, text):
        # The prompt appears a moment before libedit puts the terminal in raw mode, and input
        # that arrives in between may be flushed: give it that moment.
        time.sleep(0.2)
        try:
            os.write(self.fd, text.encode("utf-8"))
        except OSError:  # the child has gone
            pass

    def wait(self, timeout=10.0):
        end = time.time() + timeout
        while time.time() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.done = True
                self.read_until(b"\0", 0.1)
                return os.waitstatus_to_exitcode(status)
            self.read_until(b"\0", 0.05)  # drain so the child never blocks on output
        return "timeout"

    def kill(self):
        if self.done:
            return
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--aql", required=True)
    aql = os.path.abspath(parser.parse_args().aql)
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        if not ok:
            print("FAIL repl: %s %s" % (name, detail))

    with tempfile.TemporaryDirectory(prefix="aql-repl-") as tmp:
        history = os.path.join(tmp, "history")
        r = Repl(aql, history)
        out = r.read_until(b"aql> ")
        check("greets and prompts", b"aql> " in out, repr(out))
        r.send("query {\n")
        out = r.read_until(b"...> ")
        check("open brace asks for more", b"...> " in out, repr(out))
        r.send("  t(where: { s: { eq: \"}\" } }) { id }  # }\n")
        out = r.read_until(b"...> ")
        check("braces in strings and comments do not count", b"...> " in out, repr(out))
        r.send("}\n")
        out = r.read_until(b"aql> ")
        check("balanced entry runs and prompts again", b"aql> " in out and b"...> " not in out, repr(out))
        r.send(".help\n")
        out = r.read_until(b"aql> ")
        check(".help explains", b".quit" in out, repr(out))
        r.send("query {\n")
        r.read_until(b"...> ")
        r.send(".cancel\n")
        out = r.read_until(b"aql> ")
        check(".cancel drops the entry", b"aql> " in out, repr(out))
        r.send(".nonsense\n")
        out = r.read_until(b"aql> ")
        check("unknown dot-command is reported", b"unknown command .nonsense" in out, repr(out))
        r.send(".quit\n")
        status = r.wait()
        r.kill()
        check(".quit exits 0", status == 0, "status %r" % status)
        try:
            saved = open(history, encoding="utf-8", errors="replace").read()
        except OSError:
            saved = ""
        check("history is saved", "nonsense" in saved, repr(saved[:200]))

        r = Repl(aql, history)
        r.read_until(b"aql> ")
        for _ in range(5):  # Ctrl-D on an empty line (again if it was lost, see send())
            r.send("\x04")
            status = r.wait(2.0)
            if status != "timeout":
                break
        r.kill()
        check("Ctrl-D exits 0", status == 0, "status %r" % status)

        # Ctrl-C (the terminal sends SIGINT) cancels the entry being typed; the shell goes on.
        r = Repl(aql, history)
        r.read_until(b"aql> ")
        r.send('mutation { insert(collection: "u", data: {id: "\u00e9\u20ac\U0001F600"}) { id } }\n')
        out = r.read_until(b"aql> ")
        check("typed UTF-8 reaches the engine", '"id": "\u00e9\u20ac\U0001F600"'.encode("utf-8") in out, repr(out))
        r.send("query {\n")
        out = r.read_until(b"...> ")
        r.send("  t { id\n")
        r.read_until(b"...> ")
        r.send("\x03")
        out = r.read_until(b"aql> ")
        check("Ctrl-C drops a multi-line entry", b"^C" in out and b"aql> " in out, repr(out))
        r.send("x\x03")
        out = r.read_until(b"aql> ")
        check("Ctrl-C drops a half-typed line", b"^C" in out and b"aql> " in out, repr(out))
        r.send("{ t { id } }\n")
        out = r.read_until(b"aql> ")
        check("the shell goes on after Ctrl-C", b'"t": []' in out and b"error" not in out, repr(out))

        # Ctrl-C while a statement runs stops it with INTERRUPTED; the shell goes on.
        db = os.path.join(tmp, "slow.db")
        rng = random.Random(1)
        big = "".join(rng.choice("ab") for _ in range(999000))
        # Three scripts of 10 MB: one AQL text may be at most 16 MiB (Config::max_query_bytes).
        args = [aql, db]
        for part in range(3):
            script = os.path.join(tmp, "big%d.aql" % part)
            with open(script, "w") as f:
                for i in range(part * 10, part * 10 + 10):
                    f.write('mutation { insert(collection: "big", data: {id: "x%d", s: "%s"}) { id } }\n' % (i, big))
            args += ["-f", script]
        subprocess.run(args, stdout=subprocess.DEVNULL, check=True)
        # Each field scans 30 strings of 1 MB with a pattern RE2 cannot run as a DFA (~0.1-0.5 s
        # a string), so the statement runs for minutes unless it is stopped. The line stays short:
        # the shell echoes what is typed.
        slow = " ".join('q%d: big(where: {s: {matches: "(a|b)*a(a|b){30}c"}}) { id }' % i for i in range(10))
        r.kill()
        r = Repl(aql, history, [db])
        r.read_until(b"aql> ")
        r.send("{ %s }\n" % slow)
        time.sleep(1.5)
        started = time.time()
        r.send("\x03")
        out = r.read_until(b"aql> ", 30.0)
        check("Ctrl-C stops a running statement", b"INTERRUPTED" in out and b"aql> " in out, repr(out[-300:]))
        check("it stops soon", time.time() - started < 10, "took %.1f s" % (time.time() - started))
        r.send("{ big(limit: 1) { id } }\n")
        out = r.read_until(b"aql> ")
        check("the shell goes on after an interrupted statement", b'"id": "x0"' in out, repr(out[-300:]))
        r.send("\x04")
        status = r.wait(5.0)
        r.kill()
        check("Ctrl-D still exits 0 after Ctrl-C", status == 0, "status %r" % status)

    failed = results.count(False)
    print("summary: %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
