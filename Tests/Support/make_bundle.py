#!/usr/bin/env python3
"""Writes a complete, valid filing bundle (fictional) for tests: make_bundle.py DIR [NAME]."""
import os, sys, struct, zlib

def credit(prefix):
    a = '0123456789ABCDEFGHJKLMNPQRTUWXY'; w = 1; s = 0
    for c in prefix: s += a.index(c) * w; w = w * 3 % 31
    return prefix + a[(31 - s % 31) % 31]

def idnum(prefix):
    w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return prefix + '10X98765432'[sum(int(c) * k for c, k in zip(prefix, w)) % 11]

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

def png():
    raw = b"\x00\xff\xff\xff"
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f: f.write(text if isinstance(text, bytes) else text.encode())

def main(d, name="测试星辰科技有限公司"):
    code = credit("91110108MA01TE7X0")
    write(f"{d}/attachments/licence.pdf", PDF)
    write(f"{d}/attachments/commitment.pdf", PDF)
    write(f"{d}/attachments/report.pdf", PDF)
    write(f"{d}/attachments/self-assessment.png", png())
    write(f"{d}/entity.yaml", f"""schema: beian/v1
name: {name}
credit_code: {code}
kind: 企业
region: "110108"
address: 北京市海淀区中关村大街1号
certificate:
  type: 营业执照
  number: {code}
  valid_until: 长期
  scan: attachments/licence.pdf
legal_representative:
  name: 张三
  id_type: 居民身份证
  id_number: {idnum("11010819800101123")}
security_officer:
  name: 李四
  title: 首席安全官
  id_type: 居民身份证
  id_number: {idnum("11010819850202234")}
  mobile: "13800138000"
  email: security@example.cn
attachments:
  commitment_letter: attachments/commitment.pdf
  responsibility_report: attachments/report.pdf
""")
    write(f"{d}/products/app.yaml", """name: 星辰资讯
form: APP
url: https://app.example.cn/download
status: 运行中
audience: 面向公众的个人用户
real_name_required: true
paths:
  - id: home
    steps: [打开App, 首页, 推荐]
    functions:
      - id: feed
        name: 首页推荐
        description: 根据用户兴趣推荐资讯内容。
      - id: hot
        name: 热榜
        description: 展示热门资讯排行。
""")
    for aid, aname, atype in [("feed", "星辰资讯推荐算法", "个性化推送类"), ("search", "星辰资讯检索算法", "信息检索类")]:
        write(f"{d}/algorithms/{aid}/algorithm.yaml", f"""name: {aname}
type: {atype}
role: 服务提供者
domains: [新闻资讯]
scenarios: [首页信息流推荐]
purpose: 应用于资讯推荐，根据用户的浏览行为为用户推荐可能感兴趣的内容。
launched_on: 2023-05-01
attachments:
  self_assessment: attachments/self-assessment.png
applies_to:
  - product: app
    path: home
details:
  data:
    sources: [用户行为日志]
    modalities: [文本]
    personal_information: 处理用户的浏览记录。
    sensitive_personal_information: 不涉及
    training_data: 近三个月的脱敏行为日志。
    labelling: 不涉及人工标注。
    security_measures: 数据加密存储，访问分级授权。
  model:
    kind: 深度学习排序模型
    architecture: 双塔召回加精排。
    training: 每日增量训练，离线评估后上线。
    update_frequency: 每周
  strategy:
    description: 按兴趣相关度排序，并保证内容多样性。
    intervention: 设置人工审核与干预机制。
    user_controls: 用户可在设置中关闭个性化推荐。
    user_tags: 用户可查看并删除兴趣标签。
  risks:
    risks: 信息茧房风险。
    safeguards: 多样性打散策略。
    emergency_response: 发现问题一小时内下线相关策略。
    complaint_channels: 客服热线与App内反馈入口。
""")
        write(f"{d}/algorithms/{aid}/disclosure.md", f"""# {aname}

## 算法基本原理
基于用户行为数据计算兴趣相关度。

## 算法运行机制
召回、排序、打散三个阶段。

## 算法应用场景
星辰资讯App首页推荐。

## 算法目的意图
帮助用户发现感兴趣的内容。
""")

if __name__ == "__main__":
    main(*sys.argv[1:])
