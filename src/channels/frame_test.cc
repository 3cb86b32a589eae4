#include "channels/frame.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace parlor::channels {
namespace {

namespace json = boost::json;

InFrame ok_text(std::string_view text) {
  auto r = decode_text(text);
  EXPECT_TRUE(std::holds_alternative<InFrame>(r)) << text << ": " << std::get<FrameError>(r).message;
  return std::holds_alternative<InFrame>(r) ? std::get<InFrame>(std::move(r)) : InFrame{};
}

FrameError bad(std::variant<InFrame, FrameError> r) {
  EXPECT_TRUE(std::holds_alternative<FrameError>(r));
  return std::holds_alternative<FrameError>(r) ? std::get<FrameError>(r) : FrameError{};
}

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int x : b) s += static_cast<char>(x);
  return s;
}

TEST(FrameDecode, JoinWithStringRefs) {
  auto f = ok_text(R"(["3","3","room:7","phx_join",{"seat":2}])");
  EXPECT_EQ(f.join_ref.json(), "\"3\"");
  EXPECT_EQ(f.ref.text(), "3");
  EXPECT_EQ(f.topic, "room:7");
  EXPECT_EQ(f.event, "phx_join");
  EXPECT_EQ(std::get<json::object>(f.payload).at("seat").as_int64(), 2);
}

TEST(FrameDecode, NullAndNumericRefsAreKeptAsSent) {
  auto f = ok_text(R"([null,7,"phoenix","heartbeat",{}])");
  EXPECT_TRUE(f.join_ref.is_null());
  EXPECT_EQ(f.ref.json(), "7");  // a number stays a number, a string a string
  auto g = ok_text(R"([null,"7","phoenix","heartbeat",{}])");
  EXPECT_EQ(g.ref.json(), "\"7\"");
  EXPECT_FALSE(f.ref == g.ref);
}

TEST(FrameDecode, ExtraElementsAreIgnored) {
  auto f = ok_text(R"(["1","2","t","e",{"a":1},"extra",[1,2]])");
  EXPECT_EQ(f.event, "e");
}

TEST(FrameDecode, MalformedJsonCloses1007) {
  for (std::string_view s : {"", "[", "not json", "[\"1\",\"2\",\"t\",\"e\",{}", "{]", "[1,2,]"}) {
    auto e = bad(decode_text(s));
    EXPECT_EQ(e.code, "bad_json") << s;
    EXPECT_EQ(e.close_code, 1007) << s;
  }
}

TEST(FrameDecode, InvalidUtf8Closes1007) {
  auto e = bad(decode_text("[null,\"1\",\"t\",\"\xff\",{}]"));
  EXPECT_EQ(e.code, "bad_utf8");
  EXPECT_EQ(e.close_code, 1007);
}

TEST(FrameDecode, EveryWrongShapeCloses1008) {
  const char* cases[] = {
      R"({"topic":"t"})",                       // not an array
      R"("a string")",                          // scalar
      R"([])",                                  // empty array
      R"(["1","2","t","e"])",                   // four elements
      R"([{},"2","t","e",{}])",                 // join_ref object
      R"(["1",true,"t","e",{}])",               // ref boolean
      R"(["1",["2"],"t","e",{}])",              // ref array
      R"(["1","2",7,"e",{}])",                  // topic number
      R"(["1","2","","e",{}])",                 // empty topic
      R"(["1","2",null,"e",{}])",               // null topic
      R"(["1","2","t",null,{}])",               // null event
      R"(["1","2","t","",{}])",                 // empty event
      R"(["1","2","t","e",[1]])",               // payload array
      R"(["1","2","t","e","x"])",               // payload string
      R"(["1","2","t","e",null])",              // payload null
      R"(["1",1.5,"t","e",{}])",                // fractional ref: no exact echo
      R"([null,72222222222222222222222222222222222222222,"t","e",{}])",  // found by the fuzzer
  };
  for (const char* c : cases) {
    auto e = bad(decode_text(c));
    EXPECT_EQ(e.code, "bad_shape") << c;
    EXPECT_EQ(e.close_code, 1008) << c;
  }
}

TEST(FrameDecode, OverlongHeaderFieldsAreRefused) {
  std::string topic(256, 't');
  EXPECT_EQ(bad(decode_text("[null,\"1\",\"" + topic + "\",\"e\",{}]")).code, "bad_shape");
  std::string ref(256, '9');
  EXPECT_EQ(bad(decode_text("[null,\"" + ref + "\",\"t\",\"e\",{}]")).code, "bad_shape");
  std::string ok_topic(255, 't');
  EXPECT_EQ(ok_text("[null,\"1\",\"" + ok_topic + "\",\"e\",{}]").topic.size(), 255u);
}

TEST(FrameDecode, DeepNestingIsRefusedNotACrash) {
  std::string deep = "[null,\"1\",\"t\",\"e\",{\"a\":" + std::string(10000, '[') +
                     std::string(10000, ']') + "}]";
  EXPECT_EQ(bad(decode_text(deep)).close_code, 1007);
}

TEST(FrameDecode, BinaryPushFromTheWorkedExample) {
  // channels-protocol.md 2.2: client push, join_ref "3", ref "7", room:1, move, 01 02 03
  auto r = decode_binary(bytes({0x00, 0x01, 0x01, 0x06, 0x04, 0x33, 0x37, 0x72, 0x6f, 0x6f, 0x6d,
                                0x3a, 0x31, 0x6d, 0x6f, 0x76, 0x65, 0x01, 0x02, 0x03}));
  ASSERT_TRUE(std::holds_alternative<InFrame>(r));
  auto& f = std::get<InFrame>(r);
  EXPECT_EQ(f.join_ref.json(), "\"3\"");
  EXPECT_EQ(f.ref.json(), "\"7\"");
  EXPECT_EQ(f.topic, "room:1");
  EXPECT_EQ(f.event, "move");
  EXPECT_EQ(std::get<Bytes>(f.payload).data, bytes({1, 2, 3}));
}

TEST(FrameDecode, BinaryEmptyRefsAreNull) {
  auto r = decode_binary(bytes({0, 0, 0, 1, 1, 't', 'e'}));
  ASSERT_TRUE(std::holds_alternative<InFrame>(r));
  EXPECT_TRUE(std::get<InFrame>(r).join_ref.is_null());
  EXPECT_TRUE(std::get<InFrame>(r).ref.is_null());
  EXPECT_TRUE(std::get<Bytes>(std::get<InFrame>(r).payload).data.empty());
}

TEST(FrameDecode, BinaryGarbage) {
  EXPECT_EQ(bad(decode_binary("")).close_code, 1008);
  EXPECT_EQ(bad(decode_binary(bytes({1, 0, 0, 0, 0}))).close_code, 1003);  // kind 1
  EXPECT_EQ(bad(decode_binary(bytes({2, 0, 0}))).code, "bad_binary_kind");
  EXPECT_EQ(bad(decode_binary(bytes({0, 1, 1}))).code, "bad_binary");       // short header
  EXPECT_EQ(bad(decode_binary(bytes({0, 9, 0, 1, 1, 'a'}))).code, "bad_binary");  // past end
  EXPECT_EQ(bad(decode_binary(bytes({0, 0, 0, 0, 1, 'e'}))).code, "bad_binary");  // no topic
  EXPECT_EQ(bad(decode_binary(bytes({0, 0, 0, 1, 1, 0xff, 'e'}))).code, "bad_utf8");
}

TEST(FrameEncode, TextFramesHaveTheSpecShapes) {
  Ref jr = Ref::from_string("3"), ref = Ref::from_string("4");
  EXPECT_EQ(encode_reply(jr, ref, "room:7", "ok", "{}"),
            R"(["3","4","room:7","phx_reply",{"status":"ok","response":{}}])");
  EXPECT_EQ(encode_reply(Ref::null(), Ref::from_string("5"), "phoenix", "ok", "{}"),
            R"([null,"5","phoenix","phx_reply",{"status":"ok","response":{}}])");
  EXPECT_EQ(encode_push(jr, "room:7", "view", R"({"a":1})"), R"(["3",null,"room:7","view",{"a":1}])");
  EXPECT_EQ(encode_broadcast("room:7", "played", "{}"), R"([null,null,"room:7","played",{}])");
  EXPECT_EQ(encode_lifecycle(jr, "room:7", "phx_close", "{}"), R"(["3","3","room:7","phx_close",{}])");
}

TEST(FrameEncode, NumericRefEchoesAsNumber) {
  auto f = ok_text(R"([null,42,"phoenix","heartbeat",{}])");
  EXPECT_EQ(encode_reply(f.join_ref, f.ref, f.topic, "ok", "{}"),
            R"([null,42,"phoenix","phx_reply",{"status":"ok","response":{}}])");
}

TEST(FrameEncode, EscapesTopicsAndEvents) {
  EXPECT_EQ(json_quote("a\"b\\c\n\x01"), R"("a\"b\\c\n\u0001")");
  std::string frame = encode_broadcast("t\"x", "é✓", "{}");
  auto v = json::parse(frame);
  EXPECT_EQ(v.as_array()[2].as_string(), "t\"x");
  EXPECT_EQ(v.as_array()[3].as_string(), "é✓");
}

TEST(FrameEncode, BinaryFramesMatchTheWorkedExamples) {
  Ref jr = Ref::from_string("3"), ref = Ref::from_string("7");
  std::string payload = bytes({1, 2, 3});
  EXPECT_EQ(encode_binary_reply(jr, ref, "room:1", "ok", payload),
            bytes({0x01, 0x01, 0x01, 0x06, 0x02, 0x33, 0x37, 0x72, 0x6f, 0x6f, 0x6d, 0x3a, 0x31,
                   0x6f, 0x6b, 0x01, 0x02, 0x03}));
  EXPECT_EQ(encode_binary_push(jr, "room:1", "move", payload),
            bytes({0x00, 0x01, 0x06, 0x04, 0x33, 0x72, 0x6f, 0x6f, 0x6d, 0x3a, 0x31, 0x6d, 0x6f,
                   0x76, 0x65, 0x01, 0x02, 0x03}));
  EXPECT_EQ(encode_binary_broadcast("room:1", "move", payload),
            bytes({0x02, 0x06, 0x04, 0x72, 0x6f, 0x6f, 0x6d, 0x3a, 0x31, 0x6d, 0x6f, 0x76, 0x65,
                   0x01, 0x02, 0x03}));
  // null join_ref is written with length 0
  EXPECT_EQ(encode_binary_push(Ref::null(), "t", "e", ""), bytes({0, 0, 1, 1, 't', 'e'}));
  EXPECT_TRUE(encode_binary_broadcast(std::string(256, 't'), "e", "").empty());
}

TEST(Utf8, Validation) {
  EXPECT_TRUE(valid_utf8("plain ascii"));
  EXPECT_TRUE(valid_utf8("h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x82\xa1"));
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(valid_utf8("\xe2\x9c"));          // truncated
  EXPECT_FALSE(valid_utf8("\x80"));
}

}  // namespace
}  // namespace parlor::channels
