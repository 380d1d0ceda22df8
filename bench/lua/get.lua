-- GET a session picked at random from a file of stored ids, one id a line.
-- Usage: wrk -s get.lua http://127.0.0.1:PORT -- PATH_PREFIX IDS_FILE
-- The request path is PATH_PREFIX followed by the id, e.g. /gks-server/v1/sessions/<id>.

local prefix
local ids = {}

function init(args)
   prefix = args[1]
   for line in io.lines(args[2]) do
      ids[#ids + 1] = line
   end
   if #ids == 0 then
      error("no ids in " .. args[2])
   end
   -- Each wrk thread runs init in its own Lua state: seed each one differently.
   math.randomseed(os.time() + tonumber(tostring(ids):match("0x(%x+)") or "0", 16))
   wrk.headers["gkc_agentId"] = "agent-bench"
   wrk.headers["gkc_customerId"] = "customer-bench"
end

function request()
   return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
