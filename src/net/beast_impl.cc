// The one translation unit that compiles Boost.Asio and Boost.Beast
// themselves (BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION are defined PUBLIC on parlor_net), so
// that the other Beast files only instantiate what they use.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
