using System.Globalization;
using System.Text;

namespace LifetimeValue.Reporting;

/// <summary>JSON keys from labels: camelCase words of letters and digits ("CI low (95 %)" → <c>ciLow95</c>), never an underscore.</summary>
internal static class ReportKeys
{
    public static string CamelCase(string label)
    {
        if (IsKey(label))
        {
            return label;
        }

        // Words of ASCII letters and digits; the first word in lower case ("VaR" → var, "CLV" → clv), the others
        // capitalised; "−" (minus) reads as a word.
        var sb = new StringBuilder(label.Length);
        var newWord = false;
        var firstWord = true;
        foreach (var c in label)
        {
            if (c == '−')
            {
                sb.Append(sb.Length == 0 ? "minus" : "Minus");
                newWord = true;
                firstWord = false;
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                if (newWord && sb.Length > 0)
                {
                    firstWord = false;
                }

                sb.Append(firstWord ? char.ToLowerInvariant(c) : newWord ? char.ToUpperInvariant(c) : c);
                newWord = false;
            }
            else
            {
                newWord = true;
            }
        }

        if (sb.Length == 0)
        {
            return "value";
        }

        return char.IsAsciiDigit(sb[0]) ? "n" + sb : sb.ToString();
    }

    public static bool IsKey(string key) =>
        key.Length > 0 && char.IsAsciiLetterLower(key[0]) && key.All(char.IsAsciiLetterOrDigit);

    public static string[] Unique(IEnumerable<string> labels)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var label in labels)
        {
            var key = CamelCase(label);
            var candidate = key;
            for (var k = 2; !used.Add(candidate); k++)
            {
                candidate = key + k.ToString(CultureInfo.InvariantCulture);
            }

            keys.Add(candidate);
        }

        return [.. keys];
    }
}
