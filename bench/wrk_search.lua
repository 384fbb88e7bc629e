-- wrk script for bench/site.py: every request searches for new words, three
-- of those given after "--" (the generated posts' vocabulary) at random, so
-- that no answer can come from a cache. Reports as wrk_report.lua does.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local words = {}

function init(args)
   for index, word in ipairs(args) do
      words[index] = word
   end
   math.randomseed(os.time() + tonumber(tostring(words):match("0x(%x+)") or "0", 16))
end

function request()
   local query = {}
   for index = 1, 3 do
      query[index] = words[math.random(#words)]
   end
   return wrk.format("GET", "/search/?q=" .. table.concat(query, "+"))
end
