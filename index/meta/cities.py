"""Prefecture-level cities (and a few leagues and prefectures) by province, in English and Chinese: a
city named in a line of figures ("In Changsha, 56 enterprises ...", "太原市拘留12人") says whose figures
they are. Used for the facts table's places only, never as evidence of which provinces an inspection
covered.

Each province's cities are one text block of ``English/中文`` pairs; ``-`` stands for an English name left
out because it is ambiguous ("Suzhou" is a city of Jiangsu and one of Anhui, "Chaoyang" a district of
Beijing too). A Chinese name is matched with its 市 (or 州), and bare only when it has three characters or
more or is a provincial capital or a sub-provincial city (大同, 开封, 安康 and 白银 are also common words).
"""

from __future__ import annotations

_CITIES: dict[str, str] = {
    "Hebei": "Shijiazhuang/石家庄 Tangshan/唐山 Baoding/保定 Handan/邯郸 Xingtai/邢台 Cangzhou/沧州 "
    "Langfang/廊坊 Zhangjiakou/张家口 Chengde/承德 Qinhuangdao/秦皇岛 Hengshui/衡水",
    "Shanxi": "Taiyuan/太原 Datong/大同 Linfen/临汾 Changzhi/长治 Jincheng/晋城 Yuncheng/运城 Lyuliang/吕梁 "
    "Jinzhong/晋中 Yangquan/阳泉 Shuozhou/朔州 Xinzhou/忻州",
    "Inner Mongolia": "Hohhot/呼和浩特 Baotou/包头 Ordos/鄂尔多斯 Chifeng/赤峰 Hulunbuir/呼伦贝尔 Wuhai/乌海 "
    "Bayannur/巴彦淖尔 Tongliao/通辽 Ulanqab/乌兰察布 Xilingol/锡林郭勒 Alxa/阿拉善",
    "Liaoning": "Shenyang/沈阳 Dalian/大连 Anshan/鞍山 Fushun/抚顺 Benxi/本溪 Jinzhou/锦州 Huludao/葫芦岛 "
    "Dandong/丹东 Yingkou/营口 Fuxin/阜新 Liaoyang/辽阳 Tieling/铁岭 -/朝阳 Panjin/盘锦",
    "Jilin": "Changchun/长春 Siping/四平 Yanbian/延边 Baishan/白山 Tonghua/通化 Songyuan/松原 Baicheng/白城 "
    "Liaoyuan/辽源",
    "Heilongjiang": "Harbin/哈尔滨 Daqing/大庆 Qiqihar/齐齐哈尔 Mudanjiang/牡丹江 Jiamusi/佳木斯 Jixi/鸡西 "
    "Hegang/鹤岗 Shuangyashan/双鸭山 Heihe/黑河 Suihua/绥化 Qitaihe/七台河 -/伊春 Daxing'anling/大兴安岭",
    "Jiangsu": "Nanjing/南京 -/苏州 Wuxi/无锡 Changzhou/常州 Xuzhou/徐州 Nantong/南通 Yancheng/盐城 "
    "Lianyungang/连云港 Yangzhou/扬州 Zhenjiang/镇江 -/泰州 Huai'an/淮安 Suqian/宿迁",
    "Zhejiang": "Hangzhou/杭州 Ningbo/宁波 Wenzhou/温州 Shaoxing/绍兴 Huzhou/湖州 Jiaxing/嘉兴 Jinhua/金华 "
    "Quzhou/衢州 Zhoushan/舟山 Lishui/丽水 -/台州",
    "Anhui": "Hefei/合肥 Wuhu/芜湖 Bengbu/蚌埠 Huainan/淮南 Ma'anshan/马鞍山 Huaibei/淮北 Tongling/铜陵 "
    "Anqing/安庆 -/黄山 Fuyang/阜阳 -/宿州 Chuzhou/滁州 Lu'an/六安 Xuancheng/宣城 Chizhou/池州 Bozhou/亳州",
    "Fujian": "-/福州 Xiamen/厦门 Quanzhou/泉州 Zhangzhou/漳州 Putian/莆田 Sanming/三明 Nanping/南平 "
    "Longyan/龙岩 Ningde/宁德",
    "Jiangxi": "Nanchang/南昌 Jiujiang/九江 Ganzhou/赣州 Jingdezhen/景德镇 Pingxiang/萍乡 Xinyu/新余 "
    "Yingtan/鹰潭 Ji'an/吉安 -/宜春 Shangrao/上饶 -/抚州",
    "Shandong": "Jinan/济南 Qingdao/青岛 Zibo/淄博 Zaozhuang/枣庄 Dongying/东营 Yantai/烟台 Weifang/潍坊 "
    "Jining/济宁 Tai'an/泰安 Weihai/威海 Rizhao/日照 Linyi/临沂 Dezhou/德州 Liaocheng/聊城 Binzhou/滨州 "
    "Heze/菏泽",
    "Henan": "Zhengzhou/郑州 Kaifeng/开封 Luoyang/洛阳 Pingdingshan/平顶山 Anyang/安阳 Hebi/鹤壁 "
    "Xinxiang/新乡 Jiaozuo/焦作 Puyang/濮阳 Xuchang/许昌 Luohe/漯河 Sanmenxia/三门峡 Nanyang/南阳 "
    "Shangqiu/商丘 Xinyang/信阳 Zhoukou/周口 Zhumadian/驻马店 Jiyuan/济源",
    "Hubei": "Wuhan/武汉 Huangshi/黄石 Shiyan/十堰 Yichang/宜昌 Xiangyang/襄阳 Ezhou/鄂州 Jingmen/荆门 "
    "Xiaogan/孝感 Jingzhou/荆州 Huanggang/黄冈 Xianning/咸宁 Suizhou/随州 Enshi/恩施",
    "Hunan": "Changsha/长沙 Zhuzhou/株洲 Xiangtan/湘潭 Hengyang/衡阳 Shaoyang/邵阳 Yueyang/岳阳 "
    "Changde/常德 Zhangjiajie/张家界 Yiyang/益阳 Chenzhou/郴州 Yongzhou/永州 Huaihua/怀化 Loudi/娄底 "
    "Xiangxi/湘西",
    "Guangdong": "Guangzhou/广州 Shenzhen/深圳 Zhuhai/珠海 Shantou/汕头 Foshan/佛山 Shaoguan/韶关 "
    "Zhanjiang/湛江 Zhaoqing/肇庆 Jiangmen/江门 Maoming/茂名 Huizhou/惠州 Meizhou/梅州 Shanwei/汕尾 "
    "Heyuan/河源 Yangjiang/阳江 Qingyuan/清远 Dongguan/东莞 -/中山 Chaozhou/潮州 Jieyang/揭阳 Yunfu/云浮",
    "Guangxi": "Nanning/南宁 Liuzhou/柳州 Guilin/桂林 Wuzhou/梧州 Beihai/北海 Fangchenggang/防城港 "
    "Qinzhou/钦州 Guigang/贵港 -/玉林 Baise/百色 Hezhou/贺州 Hechi/河池 Laibin/来宾 Chongzuo/崇左",
    "Hainan": "Haikou/海口 Sanya/三亚 Danzhou/儋州 Sansha/三沙",
    "Sichuan": "Chengdu/成都 Zigong/自贡 Panzhihua/攀枝花 Luzhou/泸州 Deyang/德阳 Mianyang/绵阳 "
    "Guangyuan/广元 Suining/遂宁 Neijiang/内江 Leshan/乐山 Nanchong/南充 Meishan/眉山 Yibin/宜宾 "
    "Guang'an/广安 Dazhou/达州 Ya'an/雅安 Bazhong/巴中 Ziyang/资阳 -/阿坝 Garze/甘孜 Liangshan/凉山",
    "Guizhou": "Guiyang/贵阳 Zunyi/遵义 Liupanshui/六盘水 Anshun/安顺 Bijie/毕节 Tongren/铜仁 "
    "Qiandongnan/黔东南 Qiannan/黔南 Qianxinan/黔西南",
    "Yunnan": "Kunming/昆明 Qujing/曲靖 Yuxi/玉溪 -/保山 Zhaotong/昭通 Lijiang/丽江 Pu'er/普洱 "
    "Lincang/临沧 -/大理 Honghe/红河 Xishuangbanna/西双版纳 Chuxiong/楚雄 Wenshan/文山 Dehong/德宏 "
    "Nujiang/怒江 Diqing/迪庆",
    "Tibet": "Lhasa/拉萨 Shigatse/日喀则 Nyingchi/林芝 Qamdo/昌都 Nagqu/那曲 Shannan/山南",
    "Shaanxi": "Xi'an/西安 Baoji/宝鸡 Xianyang/咸阳 Weinan/渭南 Tongchuan/铜川 Yan'an/延安 Hanzhong/汉中 "
    "-/榆林 Ankang/安康 Shangluo/商洛",
    "Gansu": "Lanzhou/兰州 Jiayuguan/嘉峪关 Jinchang/金昌 Baiyin/白银 Tianshui/天水 Wuwei/武威 "
    "Zhangye/张掖 Pingliang/平凉 Jiuquan/酒泉 Qingyang/庆阳 Dingxi/定西 Longnan/陇南 Gannan/甘南 Linxia/临夏",
    "Qinghai": "Xining/西宁 Haidong/海东 Golmud/格尔木 Haixi/海西 Yushu/玉树 Guoluo/果洛",
    "Ningxia": "Yinchuan/银川 Shizuishan/石嘴山 Wuzhong/吴忠 Guyuan/固原 Zhongwei/中卫",
    "Xinjiang": "Urumqi/乌鲁木齐 Karamay/克拉玛依 Turpan/吐鲁番 -/哈密 Kashgar/喀什 Aksu/阿克苏 Hotan/和田 "
    "-/伊犁 Changji/昌吉 Korla/库尔勒 Bayingolin/巴音郭楞 Bortala/博尔塔拉 Altay/阿勒泰 Tacheng/塔城",
}
#: Chinese city names matched without their 市: provincial capitals and sub-provincial cities.
_BARE: frozenset[str] = frozenset(
    [
        "石家庄",
        "太原",
        "呼和浩特",
        "沈阳",
        "大连",
        "长春",
        "哈尔滨",
        "南京",
        "苏州",
        "无锡",
        "杭州",
        "宁波",
        "合肥",
        "福州",
        "厦门",
        "南昌",
        "济南",
        "青岛",
        "郑州",
        "武汉",
        "长沙",
        "广州",
        "深圳",
        "南宁",
        "海口",
        "三亚",
        "成都",
        "贵阳",
        "昆明",
        "拉萨",
        "西安",
        "兰州",
        "西宁",
        "银川",
        "乌鲁木齐",
    ]
)
_SUFFIXES = ("市", "州")  # 长沙市; 恩施州, 凉山州 (autonomous prefectures)


def _aliases(block: str) -> tuple[str, ...]:
    names: list[str] = []
    for pair in block.split():
        english, chinese = pair.split("/")
        if english != "-":
            names.append(english)
        names += [chinese + suffix for suffix in _SUFFIXES if not chinese.endswith(suffix)]
        if len(chinese) >= 3 or chinese in _BARE:
            names.append(chinese)
    return tuple(names)


#: Province -> the names of its cities (English, and Chinese with and without 市).
CITIES: dict[str, tuple[str, ...]] = {province: _aliases(block) for province, block in _CITIES.items()}
#: Province -> each of its cities' names, one tuple per city ("Taiyuan", "太原市", "太原").
CITY_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    province: tuple(_aliases(pair) for pair in block.split()) for province, block in _CITIES.items()
}
