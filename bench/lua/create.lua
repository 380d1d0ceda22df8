-- Send the same create request again and again: METHOD on the URL's path with a JSON body.
-- Usage: wrk -s create.lua http://127.0.0.1:PORT/PATH -- METHOD JSON_BODY
-- The engine creates with PUT /gks-server/v1/sessions/new, json-server with POST /sessions.

function init(args)
   wrk.method = args[1]
   wrk.body = args[2]
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["gkc_agentId"] = "agent-bench"
   wrk.headers["gkc_customerId"] = "customer-bench"
end
