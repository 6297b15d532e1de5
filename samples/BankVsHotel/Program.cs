using System.Globalization;
using BankVsHotel;

// The README's main command: bank vs hotel side by side, with charts.
//   dotnet run --project samples/BankVsHotel [-- --charts DIR --customers N --scenarios S --seed K]
var charts = "charts";
var customers = BankVsHotelSample.DefaultCustomers;
var scenarios = BankVsHotelSample.DefaultScenarios;
ulong seed = 2026;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--charts": charts = Next(); break;
        case "--customers": customers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--scenarios": scenarios = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --charts DIR, --customers N, --scenarios S, --seed K.");
            return 1;
    }
}

BankVsHotelSample.Run(Console.Out, charts, customers, scenarios, seed);
return 0;
