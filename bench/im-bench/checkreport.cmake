# A smoke test of im-bench's JSON report: runs im-bench (IM_BENCH) with BENCH_ARGS and
# --json JSON_FILE, then checks that the file parses, holds the keys a run's collector reads, and
# meets CHECKS. Lists are separated by '|' (ctest would split ';'). A check is "path.to.key OP
# value" with OP one of == != >= <= > <: numbers compare as numbers, anything else as strings
# (booleans read as ON/OFF, null as empty).
#
#   cmake -DIM_BENCH=... -DJSON_FILE=... -DBENCH_ARGS="--users|4" -DCHECKS="sends.dropped==0"
#         -P checkreport.cmake
cmake_minimum_required(VERSION 3.19) # string(JSON)

foreach(required IM_BENCH JSON_FILE)
    if(NOT DEFINED ${required})
        message(FATAL_ERROR "checkreport.cmake needs -D${required}=...")
    endif()
endforeach()
string(REPLACE "|" ";" arguments "${BENCH_ARGS}")
string(REPLACE "|" ";" checks "${CHECKS}")

file(REMOVE "${JSON_FILE}")
execute_process(COMMAND "${IM_BENCH}" ${arguments} --json "${JSON_FILE}"
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "im-bench exited with ${status}")
endif()
if(NOT EXISTS "${JSON_FILE}")
    message(FATAL_ERROR "im-bench wrote no ${JSON_FILE}")
endif()
file(READ "${JSON_FILE}" report)

# What every report has, whatever the mode.
set(keys
    "options.users" "mode" "sends.offered" "sends.acked" "sends.dropped" "sends.achievedRate"
    "deliveries.expected" "deliveries.missing" "deliveries.duplicates" "cpu.serverSeconds"
    "cpu.serverUsPerMessage" "cpu.databaseSeconds" "catchUp" "passed")
foreach(latency sendToAck sendToPush)
    foreach(percentile p50 p90 p99 p999 max)
        list(APPEND keys "latencyMs.${latency}.${percentile}")
    endforeach()
endforeach()
foreach(key IN LISTS keys)
    string(REPLACE "." ";" path "${key}")
    string(JSON value ERROR_VARIABLE error GET "${report}" ${path})
    if(error)
        message(FATAL_ERROR "${JSON_FILE}: ${key}: ${error}")
    endif()
endforeach()

foreach(check IN LISTS checks)
    if(NOT check MATCHES "^([A-Za-z0-9_.]+)(==|!=|>=|<=|>|<)(.*)$")
        message(FATAL_ERROR "cannot read the check \"${check}\"")
    endif()
    set(key "${CMAKE_MATCH_1}")
    set(op "${CMAKE_MATCH_2}")
    set(expected "${CMAKE_MATCH_3}")
    string(REPLACE "." ";" path "${key}")
    string(JSON actual ERROR_VARIABLE error GET "${report}" ${path})
    if(error)
        message(FATAL_ERROR "${JSON_FILE}: ${key}: ${error}")
    endif()
    set(number "^-?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?$")
    if(actual MATCHES "${number}" AND expected MATCHES "${number}")
        set(ops "==;!=;>=;<=;>;<")
        set(words "EQUAL;EQUAL;GREATER_EQUAL;LESS_EQUAL;GREATER;LESS")
    else()
        set(ops "==;!=")
        set(words "STREQUAL;STREQUAL")
    endif()
    list(FIND ops "${op}" index)
    if(index LESS 0)
        message(FATAL_ERROR "${key} is \"${actual}\", which ${op} cannot compare")
    endif()
    list(GET words ${index} word)
    if("${actual}" ${word} "${expected}")
        set(holds TRUE)
    else()
        set(holds FALSE)
    endif()
    if(op STREQUAL "!=")
        if(holds)
            set(holds FALSE)
        else()
            set(holds TRUE)
        endif()
    endif()
    if(NOT holds)
        message(FATAL_ERROR "${key} is \"${actual}\", expected ${op} ${expected}")
    endif()
    message(STATUS "${key} = ${actual} (${op} ${expected})")
endforeach()
