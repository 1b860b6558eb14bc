-- Appends one update to the hub's stream, atomically with its entry in the id index.
-- KEYS[1] stream   the total order: entries {u = encoded update, n = sequence number}, trimmed with MAXLEN ~
-- KEYS[2] ids      hash: update id -> stream ids of kept updates with that id, oldest first, space separated
-- KEYS[3] order    list of "<stream id> <update id>", oldest first: the index's trimming queue
-- KEYS[4] meta     hash: sid = last stream id, eid = last update id, seq = last sequence number
-- ARGV[1] stream MAXLEN (approximate)   ARGV[2] updates kept for reconnection (0: no index)
-- ARGV[3] update id   ARGV[4] encoded update
-- Stream ids are made here rather than by XADD * so that seq never exceeds 2^21-1: the hub maps a
-- stream id ms-seq to the position ms * 2^21 + seq, which must grow with every entry. Like Redis, a
-- clock that goes back keeps the last ms and counts seq up.
-- The sequence number n counts the entries, 1, 2, 3, ... without holes, so that a reader that finds
-- n greater than its last one plus one knows that trimming took entries it had not read yet.
local MAX_SEQ = 2097151
local keep = tonumber(ARGV[2])
local eid = ARGV[3]
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local seq = 0
local last = redis.call('HGET', KEYS[4], 'sid')
if last then
  local d = string.find(last, '-', 1, true)
  local lms = tonumber(string.sub(last, 1, d - 1))
  local lseq = tonumber(string.sub(last, d + 1))
  if ms <= lms then
    ms = lms
    seq = lseq + 1
    if seq > MAX_SEQ then
      ms = lms + 1
      seq = 0
    end
  end
end
local sid = string.format('%d-%d', ms, seq)
local n = redis.call('HINCRBY', KEYS[4], 'seq', 1)
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], sid, 'u', ARGV[4], 'n', n)
redis.call('HSET', KEYS[4], 'sid', sid, 'eid', eid)
if keep > 0 then
  local cur = redis.call('HGET', KEYS[2], eid)
  if cur then
    redis.call('HSET', KEYS[2], eid, cur .. ' ' .. sid)
  else
    redis.call('HSET', KEYS[2], eid, sid)
  end
  if redis.call('RPUSH', KEYS[3], sid .. ' ' .. eid) > keep then
    local old = redis.call('LPOP', KEYS[3])
    local sp = string.find(old, ' ', 1, true)
    local osid = string.sub(old, 1, sp - 1)
    local oeid = string.sub(old, sp + 1)
    local list = redis.call('HGET', KEYS[2], oeid)
    if list == osid then
      redis.call('HDEL', KEYS[2], oeid)
    elseif list and string.sub(list, 1, #osid + 1) == osid .. ' ' then
      redis.call('HSET', KEYS[2], oeid, string.sub(list, #osid + 2))
    end
  end
end
return sid
