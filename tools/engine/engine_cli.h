#pragma once
// `parlor engine [FILE]`: reads one game record (the file, or stdin without
// one) and prints its result object (game-records.md) as one line of JSON.
// Exits 0 whenever it could read its input; 2 for bad usage or an unreadable file.
namespace parlor::tools {
int engine_main(int argc, char** argv);
}  // namespace parlor::tools
