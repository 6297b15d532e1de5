// A local three-silo Orleans cluster running one simulation (work in progress).
System.Console.WriteLine("LocalCluster sample");
