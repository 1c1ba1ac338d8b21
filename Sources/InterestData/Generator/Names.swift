import Randomness

/// Names and cities for users.csv (attributes only: the model never sees them).
enum Names {
    static let surnames = ["李 Li", "王 Wang", "张 Zhang", "刘 Liu", "陈 Chen", "杨 Yang", "赵 Zhao", "黄 Huang", "周 Zhou", "吴 Wu"]
    static let given = ["伟 Wei", "芳 Fang", "娜 Na", "敏 Min", "静 Jing", "磊 Lei", "洋 Yang", "艳 Yan", "杰 Jie", "涛 Tao", "明 Ming", "丽 Li"]
    static let cities = ["北京 Beijing", "上海 Shanghai", "广州 Guangzhou", "深圳 Shenzhen", "成都 Chengdu", "杭州 Hangzhou", "武汉 Wuhan", "西安 Xi'an"]

    static func person(_ rng: inout SplitMix64) -> String {
        let s = surnames[rng.int(below: surnames.count)].split(separator: " ")
        let g = given[rng.int(below: given.count)].split(separator: " ")
        return "\(s[0])\(g[0]) \(s[1]) \(g[1])"
    }

    static func city(_ rng: inout SplitMix64) -> String { cities[rng.int(below: cities.count)] }
}
