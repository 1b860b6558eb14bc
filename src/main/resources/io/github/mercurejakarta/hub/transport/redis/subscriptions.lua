-- The active subscriptions of the cluster: one hash of records per node, listed while the node's
-- heartbeat keeps it alive. A node that stops beating (crash, kill -9, network split) is no longer
-- listed once its expiry passes; the next heartbeat of any live node then claims its records (once,
-- atomically: exactly one node of the cluster announces their end) and deletes them.
-- KEYS[1] nodes      sorted set: node id -> expiry (ms, Redis clock)
-- KEYS[2] meta       hash of publish.lua (eid: the last update id)
-- KEYS[3] this node's records: hash subscription id -> "<registration number> <JSON record>"
-- KEYS[4] registration counter
-- ARGV[1] op: put | del | beat | list   ARGV[2] TTL (ms)   ARGV[3] node id   ARGV[4] records key prefix
-- ARGV[5] subscription id   ARGV[6] JSON record
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local op = ARGV[1]
local ttl = tonumber(ARGV[2])
if op == 'put' then
  local n = redis.call('INCR', KEYS[4])
  redis.call('HSET', KEYS[3], ARGV[5], n .. ' ' .. ARGV[6])
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
  return n
elseif op == 'del' then
  return redis.call('HDEL', KEYS[3], ARGV[5])
elseif op == 'beat' then
  -- {1 when this node was no longer listed (another node claimed its records) else 0, claimed records...}
  local out = {redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])}
  for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
    for _, v in ipairs(redis.call('HVALS', ARGV[4] .. node)) do
      out[#out + 1] = v
    end
    redis.call('DEL', ARGV[4] .. node)
    redis.call('ZREM', KEYS[1], node)
  end
  return out
end
-- list: every record of the nodes that are alive (the dead ones wait for a heartbeat to claim them)
local out = {}
for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
  for _, v in ipairs(redis.call('HVALS', ARGV[4] .. node)) do
    out[#out + 1] = v
  end
end
return {redis.call('HGET', KEYS[2], 'eid') or '', out}
