#!/usr/bin/env python3
"""Where the server's CPU goes, from a `perf record --call-graph dwarf` profile.

    perf script -i rooms.perf.data -F comm,tid,ip,sym | python3 perf-breakdown.py

Prints, for a fixed list of the server's functions, the share of samples
whose stack contains it (inclusive: a function and everything it calls), then
the top self-time symbols. Shares overlap (publish contains view_of...).
Used by run.sh --perf; see RESULTS.md ("Rooms").
"""
import collections
import sys

# (label, substring of the symbol), roughly from the top of a move's path down.
FRAMES = [
    ("room strand: all work posted to rooms", "RoomActor::guarded"),
    ("  Room::move (check + apply a move)", "Room::move"),
    ("  Room::on_bot_move (a computer player's move applied)", "Room::on_bot_move"),
    ("  Room::on_timer (bot turns, deals, grace)", "Room::on_timer"),
    ("  Room::on_durable (ack + views)", "Room::on_durable"),
    ("    Room::publish (views to every seat)", "Room::publish"),
    ("      Room::game_text_of (the shared part's text)", "Room::game_text_of"),
    ("        Hearts::write_shared_view", "Hearts::write_shared_view"),
    ("          DealSource::write_seed_fields", "write_seed_fields"),
    ("      Room::room_fields_text (seats, version)", "Room::room_fields_text"),
    ("      Room::seat_view_text_of (once per seat)", "Room::seat_view_text_of"),
    ("        legal_moves", "legal_moves"),
    ("      joined_members_text (one seat's text)", "joined_members_text"),
    ("      RoomActor::push_text (a view to a channel)", "RoomActor::push_text"),
    ("        encode_push (the frame)", "encode_push"),
    ("        WsSession::send (queue + wake the socket)", "WsSession::send"),
    ("  Room::maybe_snapshot", "maybe_snapshot"),
    ("computer players: bots::choose_move_for_seat", "choose_move_for_seat"),
    ("socket writes: WsSession::do_write", "WsSession::do_write"),
    ("  sendmsg (kernel send, incl. loopback receive)", "sendmsg"),
    ("socket reads + frame decode: WsSession::do_read", "WsSession::do_read"),
    ("  recvmsg", "recvmsg"),
    ("store writer thread: GroupCommitWriter::run", "GroupCommitWriter::run"),
    ("  WriteConnection::append (a log row)", "WriteConnection::append"),
    ("  WriteConnection::fold_step (tail -> log_index)", "WriteConnection::fold_step"),
    ("  WriteConnection::commit", "WriteConnection::commit"),
    ("  sqlite3", "sqlite3"),
    ("  pwrite64 (SQLite's files)", "pwrite64"),
    ("  fdatasync", "fdatasync"),
    ("malloc (anywhere)", "malloc"),
    ("free (anywhere)", "free"),
    ("boost::json::object::rehash (anywhere)", "object::rehash"),
    ("futex wake/wait (anywhere)", "futex"),
    ("epoll_wait", "epoll_wait"),
]


def samples(stream):
    cur = None
    for line in stream:
        if not line.strip():
            if cur is not None:
                yield cur
            cur = None
            continue
        if not line[0].isspace():
            cur = []
            continue
        parts = line.strip().split(None, 1)
        if cur is not None:
            cur.append(parts[1] if len(parts) > 1 else parts[0])
    if cur:
        yield cur


def main():
    inc = collections.Counter()
    self_ = collections.Counter()
    n = 0
    for st in samples(sys.stdin):
        n += 1
        if st:
            self_[st[0][:100]] += 1
        hit = set()
        for f in st:
            for label, key in FRAMES:
                if key in f:
                    hit.add(label)
        for label in hit:
            inc[label] += 1
    if not n:
        print("no samples")
        return
    print(f"{n} samples; share of server CPU samples whose stack contains:")
    for label, _ in FRAMES:
        print(f"  {100 * inc[label] / n:5.1f}%  {label}")
    print("top self time:")
    for sym, c in self_.most_common(20):
        print(f"  {100 * c / n:5.1f}%  {sym}")


if __name__ == "__main__":
    main()
