// beian's interoperability check against Go's reference code (Tests/go-interop/README.md).
module beian.example/go-interop

go 1.19

require golang.org/x/mod v0.7.0
