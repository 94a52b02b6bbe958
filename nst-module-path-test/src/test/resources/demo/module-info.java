// A user's program as a named module: it names the method's module only; the backend is found as a service.
module demo {
    requires io.nst.fast;
}
