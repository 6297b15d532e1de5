Console.WriteLine("LifetimeValue: bank preset projection (engine under construction).");
