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
        // capitalised, an all-capitals word as a word ("CLV" → Clv); "−" (minus) reads as a word.
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in label)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }

            if (c == '−')
            {
                words.Add("minus");
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        if (words.Count == 0)
        {
            return "value";
        }

        var sb = new StringBuilder(label.Length);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var allCaps = w.All(ch => !char.IsAsciiLetterLower(ch));
            if (i == 0)
            {
                sb.Append(w.ToLowerInvariant());
            }
            else
            {
                sb.Append(char.ToUpperInvariant(w[0])).Append(allCaps ? w[1..].ToLowerInvariant() : w[1..]);
            }
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
