/** HTTP plumbing shared by all routes: router assembly, admission (in-flight bound, deadline), JSON error mapping ({@link io.recgate.gateway.http.ApiException}), request validation and responses. */
package io.recgate.gateway.http;
