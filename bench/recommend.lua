-- wrk script: GET recommendations for users drawn uniformly at random from a file of user ids
-- (one per line, e.g. a bundle's user_ids.txt). Query string from the second script argument.
--   wrk -t2 -c64 -d30s --latency -s bench/recommend.lua http://127.0.0.1:18080 -- user_ids.txt "k=10&candidates=100"
local users = {}
local query = "k=10&candidates=100"

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then users[#users + 1] = line end
  end
  if args[2] then query = args[2] end
  -- Distinct seeds per thread so threads do not replay the same user sequence.
  math.randomseed(os.time() + tonumber(tostring(users):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local user = users[math.random(#users)]
  return wrk.format("GET", "/v1/users/" .. user .. "/recommendations?" .. query)
end
