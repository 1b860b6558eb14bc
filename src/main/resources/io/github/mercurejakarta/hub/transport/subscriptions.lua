-- The active subscriptions of the cluster: one hash of records per node, kept alive by the node's
-- heartbeat. A node that stops beating (crash, kill -9, network split) drops out after the TTL.
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
  redis.call('PEXPIRE', KEYS[3], ttl)
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
  return n
elseif op == 'del' then
  return redis.call('HDEL', KEYS[3], ARGV[5])
elseif op == 'beat' then
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
  redis.call('PEXPIRE', KEYS[3], ttl)
  return now
end
-- list: forget the nodes that stopped beating, then every record of the live ones
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, node in ipairs(dead) do
  redis.call('DEL', ARGV[4] .. node)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local out = {}
for _, node in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  for _, v in ipairs(redis.call('HVALS', ARGV[4] .. node)) do
    out[#out + 1] = v
  end
end
return {redis.call('HGET', KEYS[2], 'eid') or '', out}
