-- The kept updates after the update with id ARGV[1], in one atomic read.
-- KEYS[1] stream   KEYS[2] ids (see publish.lua)
-- ARGV[1] update id ('' for none)   ARGV[2] updates kept for reconnection
-- Returns {cursor stream id or '', entries}: the entries after the cursor when the id is kept (the
-- earliest kept update with that id is the cursor), else the last ARGV[2] entries.
if ARGV[1] ~= '' then
  local list = redis.call('HGET', KEYS[2], ARGV[1])
  if list then
    local sp = string.find(list, ' ', 1, true)
    local sid = list
    if sp then
      sid = string.sub(list, 1, sp - 1)
    end
    return {sid, redis.call('XRANGE', KEYS[1], '(' .. sid, '+')}
  end
end
if tonumber(ARGV[2]) == 0 then
  return {'', {}}
end
return {'', redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[2])}
