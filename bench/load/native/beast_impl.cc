// The one translation unit that compiles Boost.Asio and Boost.Beast
// themselves (BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION are defined on the target), as
// src/net/beast_impl.cc does for the server.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
